package io.tollgate.release;

import java.util.List;
import java.util.Map;

/** What a release manager asks for when planning a release. */
public record NewRelease(
    String type,
    String version,
    String name,
    String summary,
    Window window,
    Map<String, List<String>> notes) {}

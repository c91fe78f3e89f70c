package io.tollgate.release;

import java.util.List;

/** One page of a product's releases, newest first. */
public record ReleasePage(List<Release> items, int page, int size, long total) {}

/**
 * The few types every feature may use: the acting person, errors and their blockers, timestamps.
 * Open to every module, including its web support.
 */
@org.springframework.modulith.ApplicationModule(
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.tollgate.shared;

package dev.fnkit.selfhosted;

/**
 * What the autoscaler decided for one function at one evaluation.
 *
 * @param desired           the instances wanted
 * @param reason            why, e.g. {@code stable}, {@code panic}, {@code scale-to-zero-grace}, {@code min-instances}
 * @param panic             true while in panic mode
 * @param stableConcurrency the average requests in flight over the stable window
 * @param panicConcurrency  the average requests in flight over the panic window
 */
record ScaleDecision(int desired, String reason, boolean panic, double stableConcurrency, double panicConcurrency) {
}

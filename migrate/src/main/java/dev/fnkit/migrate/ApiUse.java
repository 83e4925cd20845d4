package dev.fnkit.migrate;

/**
 * A provider API a handler uses.
 *
 * @param api      the API, e.g. {@code Context.getIdentity()}
 * @param portable the portable equivalent, or null when there is none
 * @param note     what to do about it
 */
record ApiUse(String api, String portable, String note) {
    boolean carriesOver() {
        return portable != null;
    }
}

package dev.fnkit.selfhosted.worker;

/** Ends processes together with everything they started, so that nothing outlives its instance. */
public final class ProcessTrees {
    private ProcessTrees() {
    }

    /** Kills the process and its descendants at once (SIGKILL on Unix). */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}

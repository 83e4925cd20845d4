package dev.fnkit.selfhosted.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Ends this process when the gateway that started it is gone: the gateway holds this process's standard input open
 * and never writes, so end of input means it died (even by {@code kill -9}); a re-parented process means the same.
 */
final class ParentWatch {
    private ParentWatch() {
    }

    /** Reads the first line of standard input (the specialisation of a pre-started worker), or null at its end. */
    static String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = System.in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    /** Watches the rest of standard input and the parent process. */
    static void start(Runnable onParentGone) {
        Thread stdin = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // the gateway never writes; anything read is ignored
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of input
            }
            onParentGone.run();
        }, "fnkit-parent-stdin");
        stdin.setDaemon(true);
        stdin.start();

        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        long parentPid = parent.map(ProcessHandle::pid).orElse(-1L);
        Thread poll = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                Optional<ProcessHandle> now = ProcessHandle.current().parent();
                if (now.isEmpty() || now.get().pid() != parentPid || !now.get().isAlive()) {
                    onParentGone.run();
                    return;
                }
            }
        }, "fnkit-parent-poll");
        poll.setDaemon(true);
        poll.start();
    }
}

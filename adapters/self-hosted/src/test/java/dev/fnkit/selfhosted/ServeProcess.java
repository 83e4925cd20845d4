package dev.fnkit.selfhosted;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code fnkit serve} started as its own process, its output echoed with a prefix. */
record ServeProcess(Process process, URI url) {
    private static final Pattern LISTENING = Pattern.compile("fnkit gateway listening on (http://\\S+)");

    /** Starts {@code fnkit serve} with these arguments and the admin token, and waits until it listens. */
    static ServeProcess start(String token, Duration wait, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.fnkit.local.FnkitCli", "serve"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FNKIT_ADMIN_TOKEN", token);
        Process serve = builder.start();
        CompletableFuture<URI> url = new CompletableFuture<>();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    System.out.println("serve: " + line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        url.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            url.completeExceptionally(new IllegalStateException("fnkit serve ended without listening: "
                    + String.join("\n", output)));
        });
        reader.setDaemon(true);
        reader.start();
        return new ServeProcess(serve, url.get(wait.toSeconds(), TimeUnit.SECONDS));
    }

    /** Kills the process and whatever it started, if still alive. */
    void kill() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}

package dev.fnkit.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * {@code fnkit doctor}: checks what fnkit needs on this machine (Java 17 or newer, Maven, a writable data directory),
 * whether the default port is free, which deploy and container tools each target can use, whether the self-hosted
 * runtime can put instances in memory-limited cgroups and run each as its own user, and whether Chromium is there for the UI tests, saying what
 * to do about anything missing. Exits with 0 when the essentials are fine, 1 when one is not.
 */
final class DoctorCommand implements CliCommand {
    static final String USAGE = """
            doctor
                Check this machine: Java 17 or newer, Maven (a wrapper here or above, else mvn), port 8080,
                the data directory ($FNKIT_DATA_DIR, else ~/.fnkit), the tools each target deploys with,
                runc/umoci, writable cgroups and per-instance users (root, setpriv) for the self-hosted
                runtime, Chromium for the UI tests.
                Exits with 1 only when an essential check fails; missing deploy tools are reported, not failed.
                Example:
                  fnkit doctor
            """;
    static final String DATA_DIR_ENV = "FNKIT_DATA_DIR";
    static final int PORT = 8080;

    /** A tool a target uses (any one of {@code programs}), with what it is for and how to get it. */
    record Tool(String target, List<String> programs, String purpose, String install) {
        Tool(String target, String program, String purpose, String install) {
            this(target, List.of(program), purpose, install);
        }

        String shown() {
            return programs.size() == 1 ? programs.get(0)
                    : programs.get(0) + " (or " + String.join(", ", programs.subList(1, programs.size())) + ")";
        }
    }

    /** The optional tools, in target order. */
    static final List<Tool> TOOLS = List.of(
            new Tool("aws", "sam", "deploys target/fnkit/aws/template.yaml (sam deploy)",
                    "install the AWS SAM CLI: https://docs.aws.amazon.com/serverless-application-model/latest/"
                            + "developerguide/install-sam-cli.html"),
            new Tool("gcp", "gcloud", "runs target/fnkit/gcp/deploy.sh",
                    "install the Google Cloud CLI: https://cloud.google.com/sdk/docs/install"),
            new Tool("azure", "func", "publishes the app under target/fnkit/azure/",
                    "install Azure Functions Core Tools: https://learn.microsoft.com/azure/azure-functions/"
                            + "functions-run-local"),
            new Tool("self-hosted", "runc", "runs instances in containers",
                    "install runc (Debian/Ubuntu: apt-get install runc)"),
            new Tool("self-hosted", "umoci", "unpacks OCI images for runc",
                    "install umoci (Debian/Ubuntu: apt-get install umoci)"),
            new Tool("self-hosted", "kubectl", "applies the Kubernetes manifests",
                    "install kubectl: https://kubernetes.io/docs/tasks/tools/"),
            new Tool("exec", "python3", "runs Python executable functions (fnkit new --template exec --lang python)",
                    "install Python 3 (Debian/Ubuntu: apt-get install python3)"),
            new Tool("ui tests", List.of("chromium", "chromium-browser", "google-chrome"),
                    "runs the self-hosted /ui browser tests (headless)",
                    "install Chromium (Debian/Ubuntu: apt-get install chromium)"),
            new Tool("ui tests", "chromedriver", "drives Chromium in the /ui browser tests",
                    "install chromedriver (Debian: apt-get install chromium-driver)"));

    /**
     * What the doctor examines.
     *
     * @param env        the environment variables
     * @param home       the user's home directory
     * @param workingDir where the command runs
     * @param java       the running Java version
     * @param javaHome   where that Java is
     * @param portFree   whether a TCP port can be listened on
     * @param cgroups    the cgroup mount ({@code /sys/fs/cgroup}) and this process's groups ({@code /proc/self/cgroup})
     * @param isolation  whether instances can run as their own users
     */
    record Machine(Map<String, String> env, Path home, Path workingDir, Runtime.Version java, String javaHome,
                   IntPredicate portFree, CgroupCheck cgroups, IsolationCheck isolation) {
        static Machine current() {
            return new Machine(System.getenv(), Path.of(System.getProperty("user.home")),
                    Path.of("").toAbsolutePath(), Runtime.version(), System.getProperty("java.home"),
                    Machine::canListen, new CgroupCheck(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup")),
                    IsolationCheck.current());
        }

        /** The program on the {@code PATH}, if it is there. */
        Optional<Path> onPath(String program) {
            for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        private static boolean canListen(int port) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(port));
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private final Machine machine;

    DoctorCommand(Machine machine) {
        this.machine = machine;
    }

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CliOptions options = CliOptions.parse("doctor", args, Set.of(), Set.of());
        if (!options.positional().isEmpty()) {
            throw options.error("unexpected argument '" + options.positional().get(0) + "'");
        }
        int failed = 0;
        out.println("Essentials:");
        failed += report(out, java());
        failed += report(out, maven());
        failed += report(out, dataDirectory());
        out.println("Local runner:");
        report(out, machine.portFree().test(PORT)
                ? new Check(Status.OK, "port " + PORT + " is free for fnkit run")
                : new Check(Status.WARN, "port " + PORT + " is in use; run with --port N (0 picks a free port)"));
        out.println("Targets (optional: packaging needs none of these, deploying does):");
        String previous = "";
        for (Tool tool : TOOLS) {
            if (previous.equals("self-hosted") && !tool.target().equals(previous)) {
                report(out, machine.cgroups().check());
                report(out, machine.isolation().check());
            }
            previous = tool.target();
            Optional<Path> found = tool.programs().stream().map(machine::onPath).flatMap(Optional::stream)
                    .findFirst();
            report(out, found.isPresent()
                    ? new Check(Status.OK, tool.target() + ": " + found.get().getFileName() + " (" + found.get()
                    + ") " + tool.purpose())
                    : new Check(Status.MISSING, tool.target() + ": " + tool.shown() + " not found; it "
                    + tool.purpose() + "; " + tool.install()));
        }
        out.println(failed == 0 ? "The essentials are fine." : failed + " essential check" + (failed == 1 ? "" : "s")
                + " failed: see FAIL above.");
        return failed == 0 ? 0 : 1;
    }

    /** How a check came out, as printed. */
    enum Status {
        OK("ok"), WARN("warn"), MISSING("--"), FAIL("FAIL");

        private final String label;

        Status(String label) {
            this.label = label;
        }
    }

    /** One checked thing and what to do about it. */
    record Check(Status status, String message) {
    }

    /** Prints a check; 1 when it failed. */
    private static int report(PrintStream out, Check check) {
        out.printf("  %-5s %s%n", check.status().label, check.message());
        return check.status() == Status.FAIL ? 1 : 0;
    }

    private Check java() {
        String found = "Java " + machine.java() + " (" + machine.javaHome() + ")";
        return machine.java().feature() >= 17 ? new Check(Status.OK, found)
                : new Check(Status.FAIL, found + "; fnkit needs Java 17 or newer: https://adoptium.net/");
    }

    private Check maven() {
        String maven = MavenBuild.maven(machine.workingDir());
        if (maven.contains(File.separator)) {
            return new Check(Status.OK, "Maven: the wrapper " + maven);
        }
        return machine.onPath(maven).map(path -> new Check(Status.OK, "Maven: " + path))
                .orElse(new Check(Status.FAIL, "Maven: no mvnw here or above, and no " + maven + " on the PATH;"
                        + " install Maven 3.9 or newer: https://maven.apache.org/install.html"));
    }

    private Check dataDirectory() {
        String configured = machine.env().get(DATA_DIR_ENV);
        Path dir = configured == null || configured.isBlank() ? machine.home().resolve(".fnkit") : Path.of(configured);
        String what = "data directory " + dir + (configured == null || configured.isBlank()
                ? " (set " + DATA_DIR_ENV + " to use another)" : " (from " + DATA_DIR_ENV + ")");
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir) ? new Check(Status.OK, what + " is writable")
                    : new Check(Status.FAIL, what + " is not writable; fix its permissions or set " + DATA_DIR_ENV);
        }
        if (Files.exists(dir)) {
            return new Check(Status.FAIL, what + " is not a directory; remove it or set " + DATA_DIR_ENV);
        }
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        return parent != null && Files.isDirectory(parent) && Files.isWritable(parent)
                ? new Check(Status.OK, what + " will be created on first use")
                : new Check(Status.FAIL, what + " cannot be created: " + parent + " is not writable; set "
                + DATA_DIR_ENV + " to a writable directory");
    }
}

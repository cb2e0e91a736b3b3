package dev.jnetns.cli;

import dev.jnetns.sys.Syscalls;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jnetns version}: the version, the syscall backend in use and the JDK. */
@Command(name = "version", description = "Print the version, the syscall backend (ffm|jna) and the JDK.")
final class VersionCommand implements Runnable {
    @ParentCommand
    JnetnsCommand top;

    @Spec
    CommandSpec spec;

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String backend = Syscalls.get().backendName();
        String jdk = Runtime.version().toString();
        if (top.json) {
            out.println(top.json().beginObject().put("version", version()).put("backend", backend)
                    .put("jdk", jdk).endObject());
        } else {
            out.println("jnetns " + version() + " backend " + backend + " jdk " + jdk);
        }
    }

    /** For {@code jnetns --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jnetns " + version()};
        }
    }
}

package dev.jnetns.cli;

import dev.jnetns.sys.Syscalls;
import java.io.PrintWriter;
import java.util.List;

/** {@code jnetns version}: the version, the syscall backend in use and the JDK. */
final class VersionCommand extends CliCommand {
    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    int call(List<String> words) {
        noArguments(words);
        PrintWriter out = top.out();
        String backend = Syscalls.get().backendName();
        String jdk = Runtime.version().toString();
        if (top.json) {
            out.println(top.json().beginObject().put("version", version()).put("backend", backend)
                    .put("jdk", jdk).endObject());
        } else {
            out.println("jnetns " + version() + " backend " + backend + " jdk " + jdk);
        }
        return 0;
    }
}

package dev.jnetns.conformance;

import dev.jnetns.testutil.Ip;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs ip commands through one long-lived bash, which forks each ip: a third cheaper than a
 * process started from the JVM for each of the thousands of shows a run compares. Not thread-safe.
 */
final class IpShell implements AutoCloseable {
    private static final String END = "@@jnetns-conformance-end@@";

    private final Process bash;
    private final Writer in;
    private final BufferedReader out;
    private final Path err;

    IpShell() throws IOException {
        err = Files.createTempFile("jnetns-conformance", ".err");
        bash = new ProcessBuilder("bash", "--norc", "--noprofile").redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        in = bash.outputWriter(StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
    }

    /** {@code ip ARGS}: exit code, stdout, stderr (as {@link Ip#command} gives them). */
    Ip.Result ip(List<String> args) {
        StringBuilder cmd = new StringBuilder("ip");
        for (String a : args) {
            cmd.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        try {
            in.write(cmd + " 2>'" + err + "'; printf '\\n" + END + " %d\\n' $?\n");
            in.flush();
            StringBuilder stdout = new StringBuilder();
            for (String line = out.readLine(); ; line = out.readLine()) {
                if (line == null) {
                    throw new AssertionError("the ip shell ended");
                }
                if (line.startsWith(END)) {
                    int rc = Integer.parseInt(line.substring(END.length() + 1));
                    stdout.setLength(stdout.length() - 1);   // the newline printed before the marker
                    return new Ip.Result(rc, stdout.toString(), rc == 0 ? "" : Files.readString(err));
                }
                stdout.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new AssertionError("ip shell: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        bash.destroy();
        Files.deleteIfExists(err);
    }
}

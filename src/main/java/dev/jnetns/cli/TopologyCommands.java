package dev.jnetns.cli;

import dev.jnetns.model.Planner;
import dev.jnetns.model.Plan;
import dev.jnetns.model.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@code jnetns apply|diff|destroy FILE}: declarative topologies (DESIGN.md, "Topology file"). */
final class TopologyCommands {
    private TopologyCommands() {
    }

    static Topology read(String file) {
        try {
            String text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return Topology.parse(text);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file", Main.EXIT_USAGE);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage(), Main.EXIT_USAGE);
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage(), Main.EXIT_USAGE);
        }
    }

    /** Prints steps: text lines "NETNS: VERB WHAT", or a JSON array of {netns, action, what}. */
    static void print(JnetnsCommand top, Plan plan) {
        PrintWriter out = top.out();
        if (top.json) {
            Json j = top.json().beginArray();
            for (Plan.Step s : plan.steps()) {
                j.beginObject().put("netns", s.netns()).put("action", s.verb()).put("what", s.what()).endObject();
            }
            out.println(j.endArray());
        } else {
            plan.steps().forEach(out::println);
        }
    }

    /** The usage lines of {@code jnetns apply|diff|destroy}. */
    static String usage(String command) {
        return "Usage: jnetns [-j] " + command + " FILE      (FILE: topology file (JSON), - for stdin)\n";
    }

    /** What apply, diff and destroy share: the topology file, their one argument. */
    abstract static class OnFile extends CliCommand {
        @Override
        final int call(List<String> words) throws Exception {
            if (words.size() != 1) {
                throw new UsageException(entry.name() + " takes one FILE (- for stdin); try 'jnetns " + entry.name()
                        + " --help'", Main.EXIT_USAGE);
            }
            return run(words.get(0));
        }

        abstract int run(String file) throws Exception;
    }

    /** {@code jnetns apply FILE}. */
    static final class Apply extends OnFile {
        @Override
        int run(String file) throws Exception {
            Plan plan = Planner.plan(read(file));
            PrintWriter out = top.out();
            plan.apply(top.json ? null : step -> {
                out.println(step);
                out.flush();
            });
            if (top.json) {
                print(top, plan);
            } else {
                out.println(plan.isEmpty() ? "no changes" : plan.steps().size() + " changes applied");
            }
            return 0;
        }
    }

    /** {@code jnetns diff FILE}: exit 1 when the live state differs. */
    static final class Diff extends OnFile {
        @Override
        int run(String file) throws Exception {
            Plan plan = Planner.plan(read(file));
            print(top, plan);
            return plan.isEmpty() ? 0 : 1;
        }
    }

    /** {@code jnetns destroy FILE}. */
    static final class Destroy extends OnFile {
        @Override
        int run(String file) throws Exception {
            Plan plan = Planner.destroy(read(file));
            plan.apply(top.json ? null : top.out()::println);
            if (top.json) {
                print(top, plan);
            }
            return 0;
        }
    }
}

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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
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

    /** What apply, diff and destroy share: the parent command and the topology file. */
    abstract static class OnFile implements Callable<Integer> {
        @ParentCommand
        JnetnsCommand top;

        @Parameters(index = "0", paramLabel = "FILE", description = "Topology file (JSON), - for stdin.")
        String file;
    }

    /** {@code jnetns apply FILE}. */
    @Command(name = "apply", description = "Make the namespaces what FILE describes; idempotent; rolls back on failure.")
    static final class Apply extends OnFile {
        @Override
        public Integer call() throws Exception {
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
    @Command(name = "diff", description = "Show how the live namespaces differ from FILE; exit 1 when they do.")
    static final class Diff extends OnFile {
        @Override
        public Integer call() throws Exception {
            Plan plan = Planner.plan(read(file));
            print(top, plan);
            return plan.isEmpty() ? 0 : 1;
        }
    }

    /** {@code jnetns destroy FILE}. */
    @Command(name = "destroy", description = "Delete the namespaces FILE describes, and everything in them.")
    static final class Destroy extends OnFile {
        @Override
        public Integer call() throws Exception {
            Plan plan = Planner.destroy(read(file));
            plan.apply(top.json ? null : top.out()::println);
            if (top.json) {
                print(top, plan);
            }
            return 0;
        }
    }
}

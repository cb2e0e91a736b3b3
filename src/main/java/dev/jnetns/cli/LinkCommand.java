package dev.jnetns.cli;

import dev.jnetns.Link;
import dev.jnetns.Rtnl;
import dev.jnetns.sys.ErrnoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jnetns link ...}: network devices, as {@code ip link}. */
@Command(name = "link", description = "Network devices, as `ip link`.",
        footer = {"", "Usage: jnetns [-n NETNS] [-j] link show [[dev] DEV]"})
final class LinkCommand implements Callable<Integer> {
    @ParentCommand
    JnetnsCommand top;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "show [[dev] DEV]")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws ErrnoException {
        Words w = new Words(words);
        String verb = w.hasNext() ? w.next() : "show";
        if (Words.matches(verb, "show") || Words.matches(verb, "list") || verb.equals("lst")) {
            show(w);
        } else if (Words.matches(verb, "help")) {
            spec.commandLine().usage(spec.commandLine().getOut());
        } else {
            throw new UsageException("link: unknown command \"" + verb + "\"; try 'jnetns link help'");
        }
        return 0;
    }

    /** {@code link show [[dev] DEV]}. */
    private void show(Words w) throws ErrnoException {
        String dev = null;
        while (w.hasNext()) {
            String word = w.next();
            if (word.equals("dev")) {
                dev = w.valueOf("dev");
            } else if (dev == null) {
                dev = word;
            } else {
                throw new UsageException("link show: unexpected \"" + word + "\"");
            }
        }
        try (Rtnl rtnl = top.openRtnl()) {
            List<Link> links = rtnl.links().list();
            Map<Integer, String> names = links.stream().collect(Collectors.toMap(Link::index, Link::name));
            List<Link> shown = links;
            if (dev != null) {
                shown = List.of(rtnl.links().get(dev));
            }
            LinkPrinter printer = new LinkPrinter(names, top.details);
            if (top.json) {
                spec.commandLine().getOut().println(printer.json(shown, top.json()));
            } else {
                shown.forEach(l -> spec.commandLine().getOut().print(printer.text(l)));
            }
        }
    }

}

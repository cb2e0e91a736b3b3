package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_INET;

import dev.jnetns.ErrnoException;
import dev.jnetns.Rule;
import dev.jnetns.Saved;
import java.io.OutputStream;

/** {@code jnetns rule save|restore}: ip's binary rule dumps (iprule.c; ip has no rule showdump). */
final class RuleSaves {
    private RuleSaves() {
    }

    /** {@code ip [-6] rule save}: the magic, then every rule of the family (IPv4 by default) as the kernel sent it. */
    static void save(JnetnsCommand top, Words w) throws ErrnoException {
        if (w.hasNext()) {
            throw new CommandFailed("\"ip rule save\" does not take any arguments.");
        }
        OutputStream out = SaveFile.begin(top, SaveFile.RULES);
        for (Saved<Rule> s : top.rtnl().rules().listSaved(top.family(AF_INET))) {
            SaveFile.write(out, s.message());
        }
        SaveFile.end(out);
    }

    /** {@code ip rule restore}: each rule of the file on stdin, in its order. */
    static void restore(JnetnsCommand top) throws ErrnoException {
        SavedRequests.restoreAll(top.rtnl(), "rule", SaveFile.RULES, "rule restore");
    }
}

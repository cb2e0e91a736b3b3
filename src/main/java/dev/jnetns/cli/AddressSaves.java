package dev.jnetns.cli;

import static dev.jnetns.uapi.LinuxSocket.AF_PACKET;

import dev.jnetns.Address;
import dev.jnetns.ErrnoException;
import dev.jnetns.Rtnl;
import dev.jnetns.Saved;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code jnetns address save|restore|showdump}: ip's binary address dumps (ipaddress.c). */
final class AddressSaves {
    private AddressSaves() {
    }

    /**
     * {@code ip addr save [SELECTORS]}: the magic, then every address of the family (of the device
     * of {@code dev DEV}, the one selector the dump applies) as the kernel sent it.
     */
    static void save(JnetnsCommand top, Words w) throws ErrnoException {
        int family = top.family(0);
        LinkFilter filter = LinkFilter.parse(w, AddressCommand.USAGE, family == AF_PACKET ? 0 : family);
        Rtnl rtnl = top.rtnl();
        int index = filter.dev() == null ? 0 : LinkFilter.named(rtnl.links().list(), filter.dev()).index();
        OutputStream out = SaveFile.begin(top, SaveFile.ADDRESSES);
        for (Saved<Address> s : rtnl.addresses().listSaved(family, index)) {
            SaveFile.write(out, s.message());
        }
        SaveFile.end(out);
    }

    /** {@code ip addr restore}: each address of the file on stdin, in its order. */
    static void restore(JnetnsCommand top) throws ErrnoException {
        SavedRequests.restoreAll(top.rtnl(), "address", SaveFile.ADDRESSES, "addr restore");
    }

    /**
     * {@code ip addr showdump}: the addresses of the file on stdin, each as {@code ifINDEX:} and its
     * lines; those before a defect of the file are printed before it fails.
     */
    static void showdump(JnetnsCommand top) {
        SaveFile file = SaveFile.open("address", SaveFile.ADDRESSES, Main.EXIT_ABORT, Main.EXIT_ABORT);
        List<Address> read = new ArrayList<>();
        CommandFailed defect = null;
        try {
            for (byte[] m; (m = file.next()) != null; ) {
                read.add(Saved.address(m));
            }
        } catch (CommandFailed e) {
            defect = e;
        }
        Out o = top.printOut();
        AddressPrinter.saved(read, o, top.brief, top.oneline);
        top.print(o);
        if (defect != null) {
            throw defect;
        }
    }
}

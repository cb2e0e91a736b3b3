package dev.jnetns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link PrinterThread}: every record printed once, in order, on the printer thread when the dump
 * fills a batch and on the calling thread when it does not; a printer that throws stops printing,
 * lets the dump run to its end and has its exception thrown by {@code rethrow}.
 */
class PrinterThreadTest {
    @Test
    void records_are_printed_in_order_on_the_printer_thread() {
        List<Integer> printed = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        PrinterThread<Integer> p = new PrinterThread<>(i -> {
            printed.add(i);
            threads.add(Thread.currentThread().getName());
        });
        IntStream.range(0, 5000).forEach(p::accept);
        p.end();
        p.rethrow();
        assertEquals(IntStream.range(0, 5000).boxed().toList(), printed);
        assertEquals(List.of("jnetns-print"), threads.stream().distinct().toList());
    }

    @Test
    void a_short_dump_is_printed_by_end_on_the_calling_thread() {
        List<Integer> printed = new ArrayList<>();
        PrinterThread<Integer> p = new PrinterThread<>(i -> {
            assertNotEquals("jnetns-print", Thread.currentThread().getName());
            printed.add(i);
        });
        IntStream.range(0, 100).forEach(p::accept);
        assertEquals(List.of(), printed, "nothing before end");
        p.end();
        assertEquals(IntStream.range(0, 100).boxed().toList(), printed);
    }

    @Test
    void a_failing_printer_stops_printing_and_its_exception_is_thrown_after_the_dump() {
        IllegalStateException boom = new IllegalStateException("boom");
        int[] printed = {0};
        PrinterThread<Integer> p = new PrinterThread<>(i -> {
            if (i == 1500) {
                throw boom;
            }
            printed[0]++;
        });
        IntStream.range(0, 20_000).forEach(p::accept);   // more batches than the queue holds: the dump is not stuck
        p.end();
        assertSame(boom, assertThrows(IllegalStateException.class, p::rethrow));
        assertEquals(1500, printed[0]);
    }
}

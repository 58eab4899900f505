package org.farmersmarket.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/** Runs one Java peer's workload with N client threads: a warm-up, then a timed phase into an HdrHistogram. */
final class JavaRunner {

    private JavaRunner() {}

    static Result run(Peer peer, Workload workload, int clients, double warmupSeconds, double measureSeconds) {
        Histogram total = new Histogram(60_000_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(clients);
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        List<Histogram> histograms = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            histograms.add(histogram);
            Inputs inputs = new Inputs(1_000L * workload.ordinal() + client);
            threads.add(Thread.ofPlatform().name(peer.name() + "-" + client).start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
                long measureEnd = warmupEnd + (long) (measureSeconds * 1e9);
                while (System.nanoTime() < warmupEnd) {
                    call(peer, workload, inputs, errors, firstError);
                }
                long now = System.nanoTime();
                while (now < measureEnd) {
                    call(peer, workload, inputs, errors, firstError);
                    long after = System.nanoTime();
                    histogram.recordValue(after - now);
                    now = after;
                }
            }));
        }
        long began = System.nanoTime();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        window[0] = began;
        histograms.forEach(total::add);
        if (firstError.get() != null) {
            System.err.println("  " + errors.get() + " errors in " + peer.name() + " " + workload + ", first: "
                    + firstError.get());
        }
        long operations = total.getTotalCount();
        return new Result(
                workload,
                peer.name(),
                clients,
                operations / measureSeconds,
                total.getValueAtPercentile(50) / 1_000.0,
                total.getValueAtPercentile(99) / 1_000.0,
                operations,
                errors.get(),
                firstError.get() == null ? "" : firstError.get().getClass().getSimpleName());
    }

    private static void call(
            Peer peer, Workload workload, Inputs inputs, AtomicLong errors, AtomicReference<Throwable> firstError) {
        try {
            workload.operation.apply(peer, inputs);
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e);
        }
    }
}

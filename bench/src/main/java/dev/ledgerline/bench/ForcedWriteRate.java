package dev.ledgerline.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How many forced writes per second this machine's disk takes in a directory: each stream overwrites one
 * 4 KiB page of its own file and forces it with fdatasync ({@code FileChannel.force(false)}), again and again,
 * the pattern of a log's commit record. One stream gives the latency of a sync; several show how far the
 * device serves syncs in parallel, which PostgreSQL's WAL and the broker's journal exploit by grouping.
 */
final class ForcedWriteRate {

    private static final int PAGE = 4096;

    private ForcedWriteRate() {
    }

    /** Forced writes per second, over all streams, in {@code dir}; the files are removed afterwards. */
    static double measure(Path dir, int streams, Duration length) throws Exception {
        Files.createDirectories(dir);
        ExecutorService threads = Executors.newFixedThreadPool(streams);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            long deadline = System.nanoTime() + length.toNanos();
            for (int i = 0; i < streams; i++) {
                Path file = dir.resolve("forced-write-" + i + ".tmp");
                counts.add(threads.submit(() -> overwriteAndForce(file, deadline)));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get(length.toSeconds() + 60, TimeUnit.SECONDS);
            }
            return total / (length.toNanos() / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static long overwriteAndForce(Path file, long deadline) throws IOException {
        ByteBuffer page = ByteBuffer.allocateDirect(PAGE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE)) {
            // The page exists and is forced once before the count: later writes overwrite, as a log's do.
            channel.write(page, 0);
            channel.force(true);
            long writes = 0;
            while (System.nanoTime() < deadline) {
                page.clear();
                page.putLong(0, writes);
                channel.write(page, 0);
                channel.force(false);
                writes++;
            }
            return writes;
        }
    }
}

package dev.ledgerline.broker;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.io.IOCallback;
import org.apache.activemq.artemis.core.io.SequentialFile;
import org.apache.activemq.artemis.core.io.SequentialFileFactory;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.io.nio.NIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.utils.ReusableLatch;

/**
 * The journal as the broker's own tooling would set it up on this machine. {@code artemis create} picks
 * ASYNCIO (libaio, direct I/O) where the native library loads and the journal's file system accepts direct
 * I/O, NIO elsewhere, and then times forced writes in the data directory to set the journal's flush timer
 * ({@code journal-buffer-timeout}) to the time one forced write takes. A broker configured in code, like this
 * one, gets neither: it keeps NIO and Artemis's fixed 3.33 ms timer, which on a disk that syncs in under a
 * millisecond makes every persistent send and every acknowledgement wait for the timer rather than the disk.
 *
 * <p>The timer batches: every write that arrives while it runs is forced with the same sync, so a shorter
 * timer lowers the latency of one client and a longer one saves syncs under load; the sync time itself is the
 * point where waiting longer gains nothing, because the disk is busy for that long anyway. Durability is the
 * same whichever journal and timer: a write is answered only once it has been forced to disk.
 *
 * @param type                the journal the broker runs
 * @param bufferTimeoutNanos  the flush timer
 * @param measured            whether the timer comes from this start's sync test, rather than a fixed setting
 */
record JournalTuning(JournalType type, long bufferTimeoutNanos, boolean measured) {

    /** The size of each timed write, a page, as {@code artemis create} uses. */
    private static final int BLOCK_SIZE = 4096;
    /** Writes per try: {@code artemis create}'s count, under a second on a disk that syncs in a few milliseconds. */
    private static final int WRITES = 250;
    /** The fastest of a few tries, as {@code artemis create} takes it, so one stall does not set the timer. */
    private static final int TRIES = 3;
    /** A disk that takes this long for a few hundred writes is broken, not slow. */
    private static final long WRITE_DEADLINE_SECONDS = 60;
    /** Artemis's defaults, for a journal chosen by name with no timer given. */
    private static final long ARTEMIS_DEFAULT_NIO_TIMEOUT_NANOS = 3_333_333;
    private static final long ARTEMIS_DEFAULT_AIO_TIMEOUT_NANOS = 500_000;

    /**
     * The journal's own file layer, forcing every write with fdatasync as the journal does; each timed write
     * reuses one buffer, so the factory must not take it back into its pool.
     */
    private static SequentialFileFactory testFactory(JournalType type, File folder) {
        if (type == JournalType.ASYNCIO) {
            AIOSequentialFileFactory aio = new AIOSequentialFileFactory(folder, WRITES);
            aio.setDatasync(true);
            aio.setAlignment(BLOCK_SIZE);
            aio.start();
            aio.disableBufferReuse();
            return aio;
        }
        NIOSequentialFileFactory nio = new NIOSequentialFileFactory(folder, 1);
        nio.setDatasync(true);
        nio.disableBufferReuse();
        nio.start();
        return nio;
    }

    /** What the operator asked for: {@code auto} (the default), {@code nio} or {@code asyncio}. */
    enum Choice { AUTO, NIO, ASYNCIO }

    JournalTuning {
        if (bufferTimeoutNanos < 0) {
            throw new IllegalArgumentException("the journal buffer timeout must be 0 or more nanoseconds, was "
                    + bufferTimeoutNanos);
        }
    }

    /**
     * @param choice             the journal asked for; {@code auto} takes ASYNCIO where it works here
     * @param bufferTimeoutNanos the flush timer, or a negative number to measure it in {@code journalDir}
     */
    static JournalTuning choose(Choice choice, long bufferTimeoutNanos, Path journalDir) throws Exception {
        Files.createDirectories(journalDir);
        JournalType type = switch (choice) {
            case NIO -> JournalType.NIO;
            // Asked for by name and not available, Artemis itself falls back to NIO and logs why (AMQ222013).
            case ASYNCIO -> JournalType.ASYNCIO;
            case AUTO -> asyncIoWorksIn(journalDir) ? JournalType.ASYNCIO : JournalType.NIO;
        };
        if (bufferTimeoutNanos >= 0) {
            return new JournalTuning(type, bufferTimeoutNanos, false);
        }
        if (choice != Choice.AUTO) {
            // A journal named without a timer keeps Artemis's own default for it: what a broker.xml would get.
            return new JournalTuning(type, type == JournalType.ASYNCIO ? ARTEMIS_DEFAULT_AIO_TIMEOUT_NANOS
                    : ARTEMIS_DEFAULT_NIO_TIMEOUT_NANOS, false);
        }
        return new JournalTuning(type, nanosPerForcedWrite(type, journalDir), true);
    }

    static boolean asyncIoWorksIn(Path dir) {
        return AIOSequentialFileFactory.isSupported() && AIOSequentialFileFactory.isSupported(dir.toFile());
    }

    void applyTo(Configuration config) {
        config.setJournalType(type)
                .setJournalDatasync(true)
                .setJournalBufferTimeout_AIO((int) Math.min(Integer.MAX_VALUE, bufferTimeoutNanos))
                .setJournalBufferTimeout_NIO((int) Math.min(Integer.MAX_VALUE, bufferTimeoutNanos));
    }

    /**
     * The broker's log line, e.g. "ASYNCIO, flush timer 812 µs (...)".
     *
     * @param running the journal the started broker runs: Artemis falls back to NIO by itself when ASYNCIO,
     *                asked for by name, does not work here
     */
    String describe(JournalType running) {
        String timer = String.format(Locale.ROOT, "flush timer %d µs", TimeUnit.NANOSECONDS.toMicros(bufferTimeoutNanos));
        return running + ", " + timer + (measured ? " (the time one forced 4 KiB write took in the journal's directory "
                + "at this start)" : " (set, not measured)");
    }

    /**
     * Times {@link #WRITES} forced page writes through the journal's own file layer, keeping the fastest of
     * {@link #TRIES}, and returns the time per write. As in {@code artemis create}, writes are not waited for
     * one by one: ASYNCIO keeps several in flight, as the journal does, and NIO forces each one as it goes.
     */
    static long nanosPerForcedWrite(JournalType type, Path dir) throws Exception {
        SequentialFileFactory factory = testFactory(type, dir.toFile());
        SequentialFile file = factory.createSequentialFile("ledgerline-sync-test.tmp");
        ByteBuffer block = factory.newBuffer(BLOCK_SIZE);
        try {
            byte[] filler = new byte[block.remaining()];
            Arrays.fill(filler, (byte) 'l');
            block.put(filler).flip();
            file.open();
            file.fill(BLOCK_SIZE * WRITES);
            file.close();
            long best = Long.MAX_VALUE;
            ReusableLatch pending = new ReusableLatch(0);
            IOCallback done = new IOCallback() {
                @Override
                public void done() {
                    pending.countDown();
                }

                @Override
                public void onError(int errorCode, String errorMessage) {
                    pending.countDown();
                }
            };
            for (int attempt = 0; attempt < TRIES; attempt++) {
                file.open();
                file.position(0);
                long start = System.nanoTime();
                for (int i = 0; i < WRITES; i++) {
                    block.position(0);
                    pending.countUp();
                    file.writeDirect(block, true, done);
                }
                if (!pending.await(WRITE_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("the journal's sync test got no answer from the disk within "
                            + WRITE_DEADLINE_SECONDS + " s");
                }
                best = Math.min(best, System.nanoTime() - start);
                file.close();
            }
            return best / WRITES;
        } finally {
            factory.releaseBuffer(block);
            file.close();
            file.delete();
            factory.stop();
        }
    }
}

package dev.ledgerline.ledger.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class QueuePollerTest {

    @Test
    void aStopEndsABackoffAtOnceRatherThanAfterIt() throws Exception {
        // Fails every time, as calls into a stopping container do: backoffs of 1 s, 2 s, then 4 s.
        CountDownLatch thirdAttempt = new CountDownLatch(3);
        QueuePoller poller = new QueuePoller("test-poller", () -> {
            thirdAttempt.countDown();
            throw new IllegalStateException("the container is stopping");
        }, Duration.ZERO);
        Thread thread = start(poller);
        assertThat(thirdAttempt.await(10, TimeUnit.SECONDS)).isTrue();

        long stopping = System.nanoTime();
        poller.stop();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        // Well under the 4 s backoff the third failure began: the stop did not wait it out.
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aWakeEndsAnIdlePauseThatWouldOtherwiseLastAnHour() throws Exception {
        CountDownLatch firstPass = new CountDownLatch(1);
        CountDownLatch secondPass = new CountDownLatch(2);
        QueuePoller poller = new QueuePoller("test-relay", () -> {
            firstPass.countDown();
            secondPass.countDown();
            return false;
        }, Duration.ofHours(1));
        Thread thread = start(poller);
        assertThat(firstPass.await(10, TimeUnit.SECONDS)).isTrue();

        poller.wake();

        assertThat(secondPass.await(10, TimeUnit.SECONDS)).as("a pass soon after the wake").isTrue();
        stop(poller, thread);
    }

    @Test
    void aWakeDuringAPassIsNotLost() throws Exception {
        // The commit the wake announces lands while a pass runs, after that pass looked: one more pass must
        // come without waiting out the idle pause.
        AtomicReference<QueuePoller> self = new AtomicReference<>();
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch secondPass = new CountDownLatch(2);
        QueuePoller poller = new QueuePoller("test-relay", () -> {
            if (passes.incrementAndGet() == 1) {
                self.get().wake();
            }
            secondPass.countDown();
            return false;
        }, Duration.ofHours(1));
        self.set(poller);
        Thread thread = start(poller);

        assertThat(secondPass.await(10, TimeUnit.SECONDS)).as("a second pass after a wake during the first").isTrue();
        stop(poller, thread);
    }

    @Test
    void aWakeDoesNotShortenABackoff() throws Exception {
        AtomicLong firstFailure = new AtomicLong();
        AtomicLong secondFailure = new AtomicLong();
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch failedAgain = new CountDownLatch(2);
        QueuePoller poller = new QueuePoller("test-consumer", () -> {
            (firstFailure.get() == 0 ? firstFailure : secondFailure).compareAndSet(0, System.nanoTime());
            failed.countDown();
            failedAgain.countDown();
            throw new IllegalStateException("the database is unreachable");
        }, Duration.ZERO);
        Thread thread = start(poller);
        assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();

        poller.wake();

        assertThat(failedAgain.await(10, TimeUnit.SECONDS)).isTrue();
        // The first backoff is 1 s; the wake did not cut it short.
        assertThat(Duration.ofNanos(secondFailure.get() - firstFailure.get())).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        stop(poller, thread);
    }

    private static Thread start(QueuePoller poller) {
        Thread thread = new Thread(poller);
        thread.start();
        return thread;
    }

    private static void stop(QueuePoller poller, Thread thread) throws InterruptedException {
        poller.stop();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }
}

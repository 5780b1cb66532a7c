package dev.ledgerline.ledger.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
        Thread thread = new Thread(poller);
        thread.start();
        assertThat(thirdAttempt.await(10, TimeUnit.SECONDS)).isTrue();

        long stopping = System.nanoTime();
        poller.stop();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        // Well under the 4 s backoff the third failure began: the stop did not wait it out.
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
    }
}

package dev.ledgerline.quiesce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

public class QuiesceForwarderTest {

    /** What a participant looks like to JMX: the application's is an MXBean of the same shape. */
    public interface ParticipantMXBean {
        void serverStopping();
    }

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<String> told = new ArrayList<>();

    @Test
    void everyParticipantIsToldAndTheRestOfTheServerIsNot() throws Exception {
        register("dev.ledgerline:type=QuiesceParticipant,name=pollers", () -> told.add("pollers"));
        register("dev.ledgerline:type=QuiesceParticipant,name=relay", () -> told.add("relay"));
        register("dev.ledgerline:type=SomethingElse,name=other", () -> told.add("other"));

        new QuiesceForwarder(server).serverStopping();

        assertThat(told).containsExactlyInAnyOrder("pollers", "relay");
    }

    @Test
    void aFailingParticipantDoesNotKeepTheOthersFromBeingTold() throws Exception {
        register("dev.ledgerline:type=QuiesceParticipant,name=a", () -> {
            throw new IllegalStateException("cannot stop");
        });
        register("dev.ledgerline:type=QuiesceParticipant,name=b", () -> told.add("b"));

        new QuiesceForwarder(server).serverStopping();

        assertThat(told).containsExactly("b");
    }

    @Test
    void withNoParticipantItDoesNothing() {
        new QuiesceForwarder(server).serverStopping();

        assertThat(told).isEmpty();
    }

    private void register(String name, ParticipantMXBean participant) throws Exception {
        server.registerMBean(participant, new ObjectName(name));
    }
}

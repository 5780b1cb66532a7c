package dev.ledgerline.worker.narayana;

import javax.transaction.xa.XAResource;

import jakarta.jms.XAConnectionFactory;

import org.jboss.narayana.jta.jms.JmsXAResourceRecoveryHelper;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;

/**
 * Gives Narayana's recovery scan the broker, under the broker's {@link ResourceManager} name. Narayana's JMS
 * helper does the work (it connects for each scan, and again for each commit or rollback it is asked for, so
 * it survives a broker restart); this only names what it returns.
 */
public final class BrokerRecoveryHelper implements XAResourceRecoveryHelper {

    private final JmsXAResourceRecoveryHelper jms;
    /** One wrapper for the helper's one resource: recovery keeps its scan results per resource object. */
    private final NamedXAResource named;

    public BrokerRecoveryHelper(XAConnectionFactory factory) {
        this.jms = new JmsXAResourceRecoveryHelper(factory);
        this.named = new NamedXAResource(jms, ResourceManager.BROKER);
    }

    @Override
    public boolean initialise(String properties) {
        return jms.initialise(properties);
    }

    /** The broker's resource, or none while the broker cannot be reached: the next scan tries again. */
    @Override
    public XAResource[] getXAResources() {
        return jms.getXAResources().length == 0 ? new XAResource[0] : new XAResource[] {named};
    }
}

package dev.ledgerline.worker.narayana;

import javax.transaction.xa.XAResource;

import org.jboss.tm.XAResourceWrapper;

import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord;
import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecordWrappingPlugin;

/**
 * Copies the resource manager's name from a {@link NamedXAResource} into Narayana's record of the branch, so
 * that the name is written to the transaction log, and numbers the branch's Xid after it. Narayana's own
 * implementation of this plugin lives in its application-server integration, which the worker does not use.
 */
public final class NamedResourcesPlugin implements XAResourceRecordWrappingPlugin {

    /** Xids of resources that carry no name get this number, as they would without the plugin. */
    private static final int UNNAMED = 0;

    @Override
    public void transcribeWrapperData(XAResourceRecord record) {
        if (record.value() instanceof XAResourceWrapper wrapper) {
            record.setProductName(wrapper.getProductName());
            record.setProductVersion(wrapper.getProductVersion());
            record.setJndiName(wrapper.getJndiName());
        }
    }

    @Override
    public Integer getEISName(XAResource xaResource) {
        if (xaResource instanceof XAResourceWrapper wrapper) {
            return ResourceManager.byJndiName(wrapper.getJndiName()).map(ResourceManager::eisName).orElse(UNNAMED);
        }
        return UNNAMED;
    }

    @Override
    public String getEISName(Integer eisName) {
        return eisName == null ? "unknown eis name" : ResourceManager.byEisName(eisName).map(ResourceManager::jndiName)
                .orElse("unknown eis name " + eisName);
    }
}

package dev.ledgerline.worker.narayana;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.jboss.tm.XAResourceWrapper;

/**
 * A driver's XAResource with the name of its {@link ResourceManager}, as Narayana reads it from an
 * {@link XAResourceWrapper}: on enlisted resources (through {@link NamedResourcesPlugin}, into the log) and on
 * the resources recovery scans (to know which resource managers it has asked). Every XA call goes straight
 * to the driver's resource.
 */
public class NamedXAResource implements XAResourceWrapper {

    private final XAResource delegate;
    private final ResourceManager resourceManager;

    public NamedXAResource(XAResource delegate, ResourceManager resourceManager) {
        this.delegate = delegate;
        this.resourceManager = resourceManager;
    }

    public ResourceManager resourceManager() {
        return resourceManager;
    }

    @Override
    public XAResource getResource() {
        return delegate;
    }

    @Override
    public String getProductName() {
        return resourceManager.product();
    }

    @Override
    public String getProductVersion() {
        return null;
    }

    @Override
    public String getJndiName() {
        return resourceManager.jndiName();
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        delegate.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    /** Compares the drivers' resources: the wrappers are made per transaction, the resource managers are not. */
    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof XAResourceWrapper wrapper ? wrapper.getResource() : other;
        return delegate.isSameRM(unwrapped);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return resourceManager.jndiName() + " " + delegate;
    }
}

package dev.ledgerline.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The application under test is the EAR the build made, exactly as a user deploys it. */
final class Deployments {

    private Deployments() {
    }

    static EnterpriseArchive ledgerline() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, IntegrationSettings.ear().toFile());
    }
}

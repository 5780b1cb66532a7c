package dev.ledgerline.web.security;

/**
 * The application's roles. ear/src/main/application/META-INF/ibm-application-bnd.xml grants each to the
 * registry group of the same name; docs/security.md says who may do what.
 */
public final class Roles {

    /** Sees and debits only the accounts held in customer_account; may credit any account. */
    public static final String CUSTOMER = "customer";
    /** Sees everything; submits transfers between any accounts. */
    public static final String OPERATOR = "operator";
    /** Reads everything, invariants and reports included; changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Everything, and the only role offered the unsafe demonstration modes where the server enables them. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}

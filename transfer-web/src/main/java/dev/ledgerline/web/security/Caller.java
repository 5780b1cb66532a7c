package dev.ledgerline.web.security;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The logged-in caller of this request, as Liberty authenticated it. Which roles may call an endpoint at all
 * is said by {@code @RolesAllowed} on the resource; this answers the finer questions a resource asks of the
 * data (whose accounts may this caller see or debit).
 */
@RequestScoped
public class Caller {

    private static final List<String> ALL_ROLES = List.of(Roles.CUSTOMER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN);

    @Inject
    HttpServletRequest request;

    /** The login name, or null when the request carries no login. */
    public String name() {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }

    public boolean is(String role) {
        return request.isUserInRole(role);
    }

    public List<String> roles() {
        return ALL_ROLES.stream().filter(this::is).toList();
    }

    /** Operators, auditors and admins see every account and transfer; anyone else only their own. */
    public boolean seesEverything() {
        return Stream.of(Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN).anyMatch(this::is);
    }

    /** Operators and admins may debit any account; anyone else only accounts they hold. */
    public boolean debitsAnyAccount() {
        return is(Roles.OPERATOR) || is(Roles.ADMIN);
    }
}

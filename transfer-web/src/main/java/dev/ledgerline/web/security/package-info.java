/**
 * Who the caller is and what the web module does around every request for its safety: the roles, the
 * caller's view of them, the security headers and the cross-site request checks. Authentication itself is
 * Liberty's (server.xml's registry, web.xml's login configuration); this package only reads its result.
 */
package dev.ledgerline.web.security;

package org.negotiatetcp.mechanism.kerberos.pac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.Sid;

/**
 * Builds the client's {@link AuthorizationContext} from a ticket's authorization data: finds the PAC, parses it,
 * checks that its client name matches the ticket's client, and verifies the server signature when a
 * {@link PacSignatureVerifier} is available. The groups are the PAC's (primary group, domain groups, extra SIDs,
 * resource groups) followed by Everyone ({@code S-1-1-0}) and Authenticated Users ({@code S-1-5-11}), which Windows'
 * {@code AuthzInitializeContextFromSid} adds as well.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class PacAuthorization {

	private PacAuthorization() {
	}

	/**
	 * Return the authorization context of a ticket.
	 * @param elements the ticket's top-level authorization data elements
	 * @param clientName the ticket's client principal ({@code user@REALM}; the realm is ignored)
	 * @param verifier the server signature verifier, or {@code null} when none is available (the context is then
	 * reported with {@code signatureVerified == false})
	 * @return the context; {@link AuthorizationContext#none()} when the ticket has no PAC
	 * @throws PacFormatException if the PAC is malformed
	 * @throws PacVerificationException if the PAC's client name differs from the ticket's or its signature fails
	 */
	public static AuthorizationContext of(List<AuthorizationData.Element> elements, String clientName,
			@Nullable PacSignatureVerifier verifier) {
		return of(elements, clientName, null, verifier);
	}

	/**
	 * Return the authorization context of a ticket, also checking the PAC's client information against the ticket's
	 * authentication time ([MS-PAC] 2.7: ClientId is the ticket's authtime).
	 * @param elements the ticket's top-level authorization data elements
	 * @param clientName the ticket's client principal ({@code user@REALM}; the realm is ignored)
	 * @param authTime the ticket's authtime, or {@code null} when unknown (not checked)
	 * @param verifier the server signature verifier, or {@code null}
	 * @return the context; {@link AuthorizationContext#none()} when the ticket has no PAC
	 * @throws PacFormatException if the PAC is malformed
	 * @throws PacVerificationException if the PAC does not match the ticket or its signature fails
	 */
	public static AuthorizationContext of(List<AuthorizationData.Element> elements, String clientName,
			@Nullable Instant authTime, @Nullable PacSignatureVerifier verifier) {
		byte[] bytes = AuthorizationData.findPac(elements);
		if (bytes == null) {
			return AuthorizationContext.none();
		}
		Pac pac = Pac.parse(bytes);
		if (authTime != null && pac.clientInfo().authTimeMillis() / 1000 != authTime.getEpochSecond()) {
			throw new PacVerificationException("its client information's time "
					+ Instant.ofEpochMilli(pac.clientInfo().authTimeMillis()) + " differs from the ticket's authtime "
					+ authTime);
		}
		return of(pac, clientName, verifier);
	}

	/**
	 * Return the authorization context of a parsed PAC.
	 * @param pac the PAC
	 * @param clientName the ticket's client principal ({@code user@REALM}; the realm is ignored)
	 * @param verifier the server signature verifier, or {@code null}
	 * @return the context; {@link AuthorizationContext#none()} for a PAC without logon information (MIT krb5 1.20+)
	 * @throws PacVerificationException if the PAC's client name differs from the ticket's or its signature fails
	 */
	public static AuthorizationContext of(Pac pac, String clientName, @Nullable PacSignatureVerifier verifier) {
		String ticketName = withoutRealm(clientName);
		if (!pac.clientInfo().name().toLowerCase(Locale.ROOT).equals(ticketName.toLowerCase(Locale.ROOT))) {
			throw new PacVerificationException("its client name '" + pac.clientInfo().name()
					+ "' differs from the ticket's client '" + ticketName + "'");
		}
		boolean verified = verifier != null && verifier.verifyServerSignature(pac);
		KerbValidationInfo logon = pac.logonInfo();
		if (logon == null) {
			// an MIT krb5 1.20+ KDC's PAC: client information and signatures, no SIDs
			return AuthorizationContext.none();
		}
		List<Sid> groups = new ArrayList<>();
		groups.add(logon.primaryGroupSid());
		groups.addAll(logon.groupSids());
		// as AuthzInitializeContextFromSid does: every authenticated domain user is also Everyone and Authenticated Users
		groups.add(Sid.EVERYONE);
		groups.add(Sid.AUTHENTICATED_USERS);
		UpnDnsInfo upn = pac.upnDnsInfo();
		return new AuthorizationContext(AuthorizationContext.Source.PAC, logon.userSid(), logon.primaryGroupSid(),
				groups, logon.effectiveName(), logon.logonDomainName(), (upn != null) ? upn.userPrincipalName() : null,
				verified);
	}

	private static String withoutRealm(String principal) {
		int at = principal.lastIndexOf('@');
		String name = (at > 0) ? principal.substring(0, at) : principal;
		return name.replace("\\@", "@");
	}

}

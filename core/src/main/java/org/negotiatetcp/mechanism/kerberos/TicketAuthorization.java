package org.negotiatetcp.mechanism.kerberos;

import java.io.File;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

import com.sun.security.jgss.AuthorizationDataEntry;
import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.pac.AuthorizationData;
import org.negotiatetcp.mechanism.kerberos.pac.PacAuthorization;
import org.negotiatetcp.mechanism.kerberos.pac.PacSignatureVerifier;
import org.negotiatetcp.mechanism.kerberos.pac.ServiceKeyPacVerifier;
import org.negotiatetcp.security.AuthorizationContext;

/**
 * Reads the client's authorization context from the service ticket an acceptor accepted: the JDK's
 * {@code KRB5_GET_AUTHZ_DATA} gives the ticket's authorization data, where an Active Directory KDC puts the PAC
 * (AD-IF-RELEVANT, AD-WIN2K-PAC).
 * <p>
 * When the acceptor knows its keytab, the PAC's server signature is verified with the service key of the ticket's
 * server name ({@link ServiceKeyPacVerifier}); a signature that does not verify refuses the client. Without a keytab,
 * or for a signature type without a key (RC4), the context reports
 * {@link AuthorizationContext#signatureVerified() signatureVerified() == false}.
 */
final class TicketAuthorization {

	private static final DateTimeFormatter KERBEROS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

	private TicketAuthorization() {
	}

	static AuthorizationContext of(GSSContext context, String clientName, @Nullable File keytab) {
		if (!(context instanceof ExtendedGSSContext extended)) {
			return AuthorizationContext.none();
		}
		AuthorizationDataEntry[] entries;
		Instant authTime;
		try {
			entries = (AuthorizationDataEntry[]) extended.inquireSecContext(InquireType.KRB5_GET_AUTHZ_DATA);
			authTime = parseTime(extended.inquireSecContext(InquireType.KRB5_GET_AUTHTIME));
		}
		catch (GSSException ex) {
			return AuthorizationContext.none();
		}
		if (entries == null || entries.length == 0) {
			return AuthorizationContext.none();
		}
		List<AuthorizationData.Element> elements = new ArrayList<>(entries.length);
		for (AuthorizationDataEntry entry : entries) {
			elements.add(new AuthorizationData.Element(entry.getType(), entry.getData()));
		}
		return PacAuthorization.of(elements, clientName, authTime, verifier(context, keytab));
	}

	/**
	 * The service's keys for the ticket's server name, from the keytab the acceptor was loaded from; {@code null}
	 * (signature not verified) when the acceptor has no keytab.
	 */
	private static @Nullable PacSignatureVerifier verifier(GSSContext context, @Nullable File keytab) {
		if (keytab == null) {
			return null;
		}
		try {
			KerberosPrincipal server = new KerberosPrincipal(context.getTargName().toString());
			KerberosKey[] keys = KeyTab.getUnboundInstance(keytab).getKeys(server);
			return new ServiceKeyPacVerifier(List.of(keys));
		}
		catch (GSSException | IllegalArgumentException ex) {
			return null;
		}
	}

	static @Nullable Instant parseTime(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.toString(), KERBEROS_TIME).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}

package org.negotiatetcp.mechanism.kerberos;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.sun.security.jgss.AuthorizationDataEntry;
import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.pac.AuthorizationData;
import org.negotiatetcp.mechanism.kerberos.pac.PacAuthorization;
import org.negotiatetcp.mechanism.kerberos.pac.PacSignatureVerifier;
import org.negotiatetcp.security.AuthorizationContext;

/**
 * Reads the client's authorization context from the service ticket an acceptor accepted: the JDK's
 * {@code KRB5_GET_AUTHZ_DATA} gives the ticket's authorization data, where an Active Directory KDC puts the PAC
 * (AD-IF-RELEVANT, AD-WIN2K-PAC).
 * <p>
 * The server signature is not verified yet: that needs the RFC 3961 keyed checksum with the service key (key usage
 * 17), which this project's Kerberos crypto will provide ({@link PacSignatureVerifier}). Until then the context reports
 * {@link AuthorizationContext#signatureVerified() signatureVerified() == false}; the PAC came inside a ticket the JDK
 * decrypted with the service key, so only a holder of that key (the KDC or the service) could have written it.
 */
final class TicketAuthorization {

	private static final DateTimeFormatter KERBEROS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

	private TicketAuthorization() {
	}

	static AuthorizationContext of(GSSContext context, String clientName) {
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
		// TODO(crypto): pass a PacSignatureVerifier over the service key once RFC 3961 checksums are in core
		return PacAuthorization.of(elements, clientName, authTime, null);
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

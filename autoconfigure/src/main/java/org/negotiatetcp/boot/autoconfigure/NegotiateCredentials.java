package org.negotiatetcp.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsProperties.Credential;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;

/**
 * The named credentials of {@code negotiate.tcp.credentials.<name>}, resolved into a client credential or a service
 * credential for whoever references them. Every failure names the property to change.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateCredentials {

	/**
	 * The rule of {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING.clientCredential}, quoted in error messages.
	 */
	public static final String CLIENT_CREDENTIAL_RULE = "\"The Windows Integrated Authentication credential to be used "
			+ "to authenticate the client. This is required on the client and must not be specified on the server.\" "
			+ "(WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING)";

	private static final String PREFIX = "negotiate.tcp.credentials.";

	private final Map<String, Credential> credentials;

	/**
	 * Create the credentials from their properties, and point the JDK at the krb5.conf if one is configured
	 * ({@code java.security.krb5.conf}, re-read at once).
	 * @param properties the properties
	 * @throws InvalidConfigurationPropertyValueException if the krb5.conf does not exist
	 */
	public NegotiateCredentials(NegotiateCredentialsProperties properties) {
		this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(properties.getCredentials()));
		Path krb5Conf = properties.getKerberos().getKrb5Conf();
		if (krb5Conf != null) {
			if (!Files.isRegularFile(krb5Conf) || !Files.isReadable(krb5Conf)) {
				throw new InvalidConfigurationPropertyValueException("negotiate.tcp.kerberos.krb5-conf", krb5Conf,
						"The file does not exist or is not readable; point it at the krb5.conf of your realm "
								+ "(on Linux usually /etc/krb5.conf)");
			}
			// set java.security.krb5.conf and make the JDK re-read it (it caches the configuration JVM-wide)
			KerberosConfiguration.use(krb5Conf);
		}
	}

	/**
	 * Return the names of the configured credentials.
	 * @return the names
	 */
	public Set<String> names() {
		return this.credentials.keySet();
	}

	/**
	 * Resolve a credential a client authenticates with.
	 * @param name the credential name
	 * @param property the property that references it, named in errors
	 * @return the client credential
	 * @throws InvalidConfigurationPropertyValueException if the name is unknown or the definition is incomplete
	 */
	public ClientCredential clientCredential(String name, String property) {
		Credential credential = find(name, property);
		String at = PREFIX + name;
		Kind kind = kindOf(credential, at);
		return switch (kind) {
			case KEYTAB -> new ClientCredential.Keytab(requirePrincipal(credential, at, "a keytab"),
					requireKeytab(credential, at));
			case PASSWORD -> new ClientCredential.Password(requirePrincipal(credential, at, "a password"),
					credential.getPassword().toCharArray());
			case TICKET_CACHE -> new ClientCredential.TicketCache(credential.getPrincipal(),
					ticketCachePath(credential, at));
			case ANONYMOUS -> new ClientCredential.Anonymous();
		};
	}

	/**
	 * Resolve a credential a server accepts with: a service keytab.
	 * @param name the credential name
	 * @param property the property that references it, named in errors
	 * @return the service credential
	 * @throws InvalidConfigurationPropertyValueException if the name is unknown, the keytab is missing, or the
	 * credential is a client credential (password, ticket cache or anonymous)
	 */
	public ServiceCredential serviceCredential(String name, String property) {
		Credential credential = find(name, property);
		String at = PREFIX + name;
		Kind kind = kindOf(credential, at);
		if (kind != Kind.KEYTAB) {
			throw new InvalidConfigurationPropertyValueException(property, name, "Credential '" + name + "' is a "
					+ kind.description + ", which is a client credential: " + CLIENT_CREDENTIAL_RULE
					+ ". A server accepts with a service keytab: reference a credential that has only " + at
					+ ".keytab and " + at + ".principal (or '*' for any principal in the keytab)");
		}
		return new ServiceCredential(requireKeytab(credential, at), credential.getPrincipal());
	}

	private Credential find(String name, String property) {
		if (!StringUtils.hasText(name)) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"Name one of the credentials under negotiate.tcp.credentials " + describeNames());
		}
		Credential credential = this.credentials.get(name);
		if (credential == null) {
			throw new InvalidConfigurationPropertyValueException(property, name, "There is no credential named '" + name
					+ "'; define it under " + PREFIX + name + ".* (principal with keytab, password or ticket-cache) "
					+ "or use one of the configured credentials " + describeNames());
		}
		return credential;
	}

	private String describeNames() {
		return this.credentials.isEmpty() ? "(none is configured)" : this.credentials.keySet().toString();
	}

	private static Kind kindOf(Credential credential, String at) {
		int count = 0;
		Kind kind = null;
		if (credential.getKeytab() != null) {
			count++;
			kind = Kind.KEYTAB;
		}
		if (credential.getPassword() != null) {
			count++;
			kind = Kind.PASSWORD;
		}
		if (StringUtils.hasText(credential.getTicketCache()) && !"false".equalsIgnoreCase(credential.getTicketCache())) {
			count++;
			kind = Kind.TICKET_CACHE;
		}
		if (credential.isAnonymous()) {
			count++;
			kind = Kind.ANONYMOUS;
		}
		if (count != 1 || kind == null) {
			throw new InvalidConfigurationPropertyValueException(at, null, "Set exactly one of " + at + ".keytab, "
					+ at + ".password, " + at + ".ticket-cache or " + at + ".anonymous (found " + count + ")");
		}
		return kind;
	}

	private static String requirePrincipal(Credential credential, String at, String with) {
		String principal = credential.getPrincipal();
		if (!StringUtils.hasText(principal) || "*".equals(principal)) {
			throw new InvalidConfigurationPropertyValueException(at + ".principal", principal,
					"A client credential with " + with + " needs the principal it authenticates as, for example "
							+ "alice@EXAMPLE.COM");
		}
		return principal;
	}

	private static Path requireKeytab(Credential credential, String at) {
		Path keytab = credential.getKeytab();
		if (keytab == null || !Files.isRegularFile(keytab) || !Files.isReadable(keytab)) {
			throw new InvalidConfigurationPropertyValueException(at + ".keytab", keytab,
					"The keytab file does not exist or is not readable; create it (ktpass, ktutil or kadmin) and check "
							+ "the path");
		}
		return keytab;
	}

	private static @Nullable Path ticketCachePath(Credential credential, String at) {
		String value = credential.getTicketCache();
		if (value == null || "true".equalsIgnoreCase(value)) {
			return null;
		}
		Path cache = Path.of(value);
		if (!Files.isReadable(cache)) {
			throw new InvalidConfigurationPropertyValueException(at + ".ticket-cache", value,
					"The ticket cache file does not exist; run kinit, or set it to true for the default cache");
		}
		return cache;
	}

	private enum Kind {

		KEYTAB("keytab credential"), PASSWORD("password credential"), TICKET_CACHE("ticket cache (current logon)"),
		ANONYMOUS("anonymous credential");

		private final String description;

		Kind(String description) {
			this.description = description;
		}

	}

}

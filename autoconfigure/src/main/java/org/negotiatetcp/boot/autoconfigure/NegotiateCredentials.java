package org.negotiatetcp.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsProperties.Credential;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;

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

	private static final Path MISSING = Path.of("");

	private final Map<String, Credential> credentials;

	private final @Nullable ClassLoader classLoader;

	private final Map<String, Path> keytabs = new ConcurrentHashMap<>();

	/**
	 * Create the credentials from their properties. The krb5.conf of {@code negotiate.tcp.kerberos.krb5-conf} is
	 * applied earlier, by {@link NegotiateKerberosEnvironmentPostProcessor}.
	 * @param properties the properties
	 * @param classLoader the class loader {@code classpath:} keytabs are read with
	 */
	public NegotiateCredentials(NegotiateCredentialsProperties properties, @Nullable ClassLoader classLoader) {
		this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(properties.getCredentials()));
		this.classLoader = classLoader;
	}

	/**
	 * Create the credentials from their properties, reading {@code classpath:} keytabs with this class's loader.
	 * @param properties the properties
	 */
	public NegotiateCredentials(NegotiateCredentialsProperties properties) {
		this(properties, NegotiateCredentials.class.getClassLoader());
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
					keytab(name, credential, at));
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
		return new ServiceCredential(keytab(name, credential, at), credential.getPrincipal());
	}

	private Credential find(String name, String property) {
		if (!StringUtils.hasText(name)) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"Name one of the credentials under negotiate.tcp.credentials " + describeNames());
		}
		Credential credential = this.credentials.get(name);
		if (credential == null) {
			throw new NegotiateCredentialException(name, property, name, "There is no credential named '" + name
					+ "'; the configured credentials are " + describeNames(), "Define it under " + PREFIX + name
							+ ".* (principal with keytab, password or ticket-cache), or set " + property
							+ " to one of the configured credentials " + describeNames());
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

	private Path keytab(String name, Credential credential, String at) {
		String location = credential.getKeytab();
		if (!StringUtils.hasText(location)) {
			throw new NegotiateCredentialException(name, at + ".keytab", location, "The credential has no keytab",
					"Set " + at + ".keytab to the keytab file (a path, file: or classpath: location)");
		}
		Path keytab = this.keytabs.computeIfAbsent(location, (key) -> {
			Path resolved = KerberosFiles.resolve(key, this.classLoader);
			return (resolved != null) ? resolved : MISSING;
		});
		if (keytab == MISSING) {
			this.keytabs.remove(location);
			throw new NegotiateCredentialException(name, at + ".keytab", location,
					"The keytab of credential '" + name + "' does not exist or is not readable",
					"Create the keytab (ktpass on Windows, ktutil or kadmin with MIT Kerberos) for "
							+ describePrincipal(credential) + ", or correct " + at + ".keytab (a path, file: or "
							+ "classpath: location)");
		}
		return keytab;
	}

	private static String describePrincipal(Credential credential) {
		String principal = credential.getPrincipal();
		return (principal != null && !"*".equals(principal)) ? principal : "the service principal";
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

package org.negotiatetcp.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.framing.KnownEncoding;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;

/**
 * Maps {@code negotiate.tcp.client.*} onto the client's {@link ClientSettings}, and each endpoint's overrides onto a
 * copy of them, validating the rules of {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING} with the property to change.
 *
 * @author Negotiate TCP
 */
final class NegotiateClientSettingsMapper {

	private static final String PREFIX = "negotiate.tcp.client.";

	private final NegotiateCredentials credentials;

	NegotiateClientSettingsMapper(NegotiateCredentials credentials) {
		this.credentials = credentials;
	}

	/**
	 * Map the client's own settings, the defaults of every endpoint.
	 * @param properties the properties
	 * @return the settings
	 */
	ClientSettings defaults(NegotiateClientProperties properties) {
		String name = properties.getCredential();
		if (name == null || name.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "credential", name,
					"A client credential is required on the client: " + NegotiateCredentials.CLIENT_CREDENTIAL_RULE
							+ ". Define one under negotiate.tcp.credentials.<name> (principal with keytab, password or "
							+ "ticket-cache) and set " + PREFIX + "credential to its name");
		}
		rejectAnonymousImpersonation(PREFIX + "allowed-impersonation-level", properties.getAllowedImpersonationLevel());
		ChannelLimits limits = ChannelLimits.defaults()
			.withInitializationTimeout(properties.getOpenTimeout())
			.withCloseTimeout(properties.getCloseTimeout())
			.withMaxMessageSize(Math.toIntExact(properties.getMaxMessageSize().toBytes()));
		ClientSettings settings = new ClientSettings(properties.getWindowsIntegratedAuthPackage(),
				this.credentials.clientCredential(name, PREFIX + "credential"), properties.isRequireServerAuth(),
				properties.getProtectionLevel(), properties.getAllowedImpersonationLevel(),
				KnownEncoding.BINARY_SESSION.contentType(), limits, properties.getSecurityMode(),
				properties.getDelegationPolicy(), properties.getTransferMode());
		rejectNtlmWithServerAuth(settings, PREFIX);
		return settings;
	}

	/**
	 * Map an endpoint's overrides onto the client's settings.
	 * @param defaults the client's settings
	 * @param name the endpoint's name
	 * @param endpoint the endpoint's properties
	 * @return the endpoint's settings
	 */
	ClientSettings endpoint(ClientSettings defaults, String name, NegotiateClientProperties.Endpoint endpoint) {
		String at = PREFIX + "endpoints." + name + ".";
		rejectAnonymousImpersonation(at + "allowed-impersonation-level", endpoint.getAllowedImpersonationLevel());
		PropertyMapper map = PropertyMapper.get();
		ClientSettings settings = defaults;
		settings = map.from(endpoint::getCredential)
			.whenHasText()
			.as((credential) -> this.credentials.clientCredential(credential, at + "credential"))
			.to(settings, ClientSettings::withCredential);
		settings = map.from(endpoint::getWindowsIntegratedAuthPackage).to(settings, ClientSettings::withAuthPackage);
		settings = map.from(endpoint::getRequireServerAuth).to(settings, ClientSettings::withRequireServerAuth);
		settings = map.from(endpoint::getAllowedImpersonationLevel)
			.to(settings, ClientSettings::withAllowedImpersonation);
		settings = map.from(endpoint::getProtectionLevel).to(settings, ClientSettings::withProtectionLevel);
		settings = map.from(endpoint::getSecurityMode).to(settings, ClientSettings::withSecurityMode);
		settings = map.from(endpoint::getTransferMode).to(settings, ClientSettings::withTransferMode);
		boolean overridden = endpoint.getWindowsIntegratedAuthPackage() != null
				|| endpoint.getRequireServerAuth() != null;
		rejectNtlmWithServerAuth(settings, overridden ? at : PREFIX);
		return settings;
	}

	private static void rejectAnonymousImpersonation(String property, @Nullable ImpersonationLevel level) {
		if (level == ImpersonationLevel.ANONYMOUS) {
			throw new InvalidConfigurationPropertyValueException(property, "anonymous",
					"Use identification, impersonation or delegation; an anonymous client is configured with a "
							+ "credential that has anonymous=true");
		}
	}

	private static void rejectNtlmWithServerAuth(ClientSettings settings, String at) {
		if (settings.authPackage() == AuthPackage.NTLM && settings.requireServerAuth()) {
			throw new InvalidConfigurationPropertyValueException(at + "windows-integrated-auth-package", "ntlm",
					"NTLM cannot authenticate the server, so it is only allowed when " + at
							+ "require-server-auth is false; set " + at + "require-server-auth=false to accept "
							+ "that, or use spnego or kerberos");
		}
	}

}

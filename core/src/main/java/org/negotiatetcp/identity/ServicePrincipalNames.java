package org.negotiatetcp.identity;

import org.jspecify.annotations.Nullable;

/**
 * Composes service principal names the way {@code DsMakeSpn} does:
 * <ul>
 * <li>{@code ServiceClass/ServiceName[:InstancePort]} when the service name is the host's DNS or NetBIOS name (no
 * instance name);</li>
 * <li>{@code ServiceClass/InstanceName[:InstancePort]/ServiceName} when the service name is a domain name, an SRV
 * record name or a distinguished name and the instance name is the host.</li>
 * </ul>
 * A port of 0 means the default port and is left out.
 */
public final class ServicePrincipalNames {

	private ServicePrincipalNames() {
	}

	/**
	 * Compose an SPN.
	 * @param serviceClass the service class, for example {@code host}, {@code HTTP}, {@code ldap}
	 * @param serviceName the host name, or a domain name / DN when {@code instanceName} is given
	 * @param instanceName the host of the instance, or {@code null} when {@code serviceName} is the host
	 * @param instancePort the port, or 0 for the default port
	 * @return the SPN
	 * @throws IllegalArgumentException if a required part is empty, contains a {@code /}, or the port is out of range
	 */
	public static String make(String serviceClass, String serviceName, @Nullable String instanceName, int instancePort) {
		requirePart(serviceClass, "service class");
		if (serviceName == null || serviceName.isBlank()) {
			throw new IllegalArgumentException("Service name must not be empty");
		}
		if (instancePort < 0 || instancePort > 0xFFFF) {
			throw new IllegalArgumentException("Instance port " + instancePort + " is out of range 0..65535");
		}
		String port = (instancePort != 0) ? ":" + instancePort : "";
		if (instanceName == null) {
			requirePart(serviceName, "service name");
			return serviceClass + "/" + serviceName + port;
		}
		requirePart(instanceName, "instance name");
		return serviceClass + "/" + instanceName + port + "/" + serviceName;
	}

	/**
	 * Compose {@code serviceClass/host}, the common case ({@code DsMakeSpn(class, host, NULL, 0, NULL)}).
	 * @param serviceClass the service class
	 * @param host the host name
	 * @return the SPN
	 */
	public static String make(String serviceClass, String host) {
		return make(serviceClass, host, null, 0);
	}

	private static void requirePart(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be empty");
		}
		if (value.indexOf('/') >= 0) {
			throw new IllegalArgumentException(what + " '" + value + "' must not contain '/'");
		}
	}

}

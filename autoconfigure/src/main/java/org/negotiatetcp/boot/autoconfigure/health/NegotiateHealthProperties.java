package org.negotiatetcp.boot.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Negotiate TCP health indicator (enabled with {@code management.health.negotiate.enabled}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@ConfigurationProperties("negotiate.tcp.health")
public class NegotiateHealthProperties {

	private final Kdc kdc = new Kdc();

	/**
	 * Return the KDC check settings.
	 * @return the settings
	 */
	public Kdc getKdc() {
		return this.kdc;
	}

	/**
	 * KDC reachability check.
	 */
	public static class Kdc {

		/**
		 * Whether the health check also opens a TCP connection to the service realm's KDC (from krb5.conf).
		 */
		private boolean enabled;

		/**
		 * Time to wait for each KDC to accept the connection.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Whether the KDC is probed.
		 * @return {@code true} to probe
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether the KDC is probed.
		 * @param enabled {@code true} to probe
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Return the connect timeout per KDC.
		 * @return the timeout
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Set the connect timeout per KDC.
		 * @param timeout the timeout
		 */
		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}

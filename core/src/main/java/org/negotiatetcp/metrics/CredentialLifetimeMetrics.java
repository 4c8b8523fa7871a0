package org.negotiatetcp.metrics;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.negotiatetcp.ChannelSide;

/**
 * A gauge of the time left before a Kerberos credential expires: {@value #REMAINING_LIFETIME} (seconds), tags
 * {@value MicrometerNegotiateMetricsRecorder#SIDE_TAG} and {@value #CREDENTIAL_TAG} (the credential's name, one value
 * per configured credential). For a client credential it is the ticket-granting ticket's remaining lifetime
 * ({@code NegotiateChannelFactory.credentialRemainingLifetime()}); {@code NaN} until the first login. Keytab keys of a
 * service do not expire, so servers register no such gauge.
 */
public final class CredentialLifetimeMetrics implements MeterBinder {

	/** Name of the gauge. */
	public static final String REMAINING_LIFETIME = "negotiate.tcp.credential.lifetime.remaining";

	/** Tag naming the credential (in Spring Boot, the name under {@code negotiate.tcp.credentials}). */
	public static final String CREDENTIAL_TAG = "negotiate.credential";

	private final ChannelSide side;

	private final String credential;

	private final IntSupplier remainingSeconds;

	/**
	 * Create the binder.
	 * @param side the side that holds the credential
	 * @param credential the credential's name, for example its name in the configuration or its principal (a tag:
	 * one value per configured credential)
	 * @param remainingSeconds seconds left, or a negative number when unknown (not logged in yet)
	 */
	public CredentialLifetimeMetrics(ChannelSide side, String credential, IntSupplier remainingSeconds) {
		this.side = Objects.requireNonNull(side, "side");
		this.credential = Objects.requireNonNull(credential, "credential");
		this.remainingSeconds = Objects.requireNonNull(remainingSeconds, "remainingSeconds");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TimeGauge.builder(REMAINING_LIFETIME, this.remainingSeconds, TimeUnit.SECONDS, (supplier) -> {
			int seconds = supplier.getAsInt();
			return (seconds < 0) ? Double.NaN : seconds;
		})
			.description("Time left before the Kerberos credential (ticket-granting ticket) expires")
			.tag(MicrometerNegotiateMetricsRecorder.SIDE_TAG, this.side.value())
			.tag(CREDENTIAL_TAG, this.credential)
			.register(registry);
	}

}

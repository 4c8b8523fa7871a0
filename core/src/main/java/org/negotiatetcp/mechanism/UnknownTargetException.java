package org.negotiatetcp.mechanism;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;

/**
 * The KDC does not know the target name a client asked a service ticket for ({@code KDC_ERR_S_PRINCIPAL_UNKNOWN}):
 * no account has that service principal name. The fix is on the client (its endpoint identity names the wrong SPN) or
 * in the directory (the SPN is not registered); obtaining a new ticket-granting ticket does not help. Its reason is
 * {@link FailureReason#WRONG_TARGET}.
 */
public class UnknownTargetException extends MechanismException {

	private static final long serialVersionUID = 1L;

	/** How the message names the setting to correct when the caller does not know its name. */
	public static final String ENDPOINT_IDENTITY = "the endpoint's identity";

	private final String targetName;

	private final String identitySetting;

	/**
	 * Create the exception.
	 * @param targetName the target name as the KDC saw it, for example {@code host/server.example.com@EXAMPLE.COM}
	 * @param identitySetting how to name the setting that chooses the target, for example
	 * {@value #ENDPOINT_IDENTITY} or a configuration property
	 * @param cause the KDC's error
	 */
	public UnknownTargetException(String targetName, String identitySetting, @Nullable Throwable cause) {
		super(FailureReason.WRONG_TARGET, message(targetName, identitySetting), cause);
		this.targetName = Objects.requireNonNull(targetName, "targetName");
		this.identitySetting = identitySetting;
	}

	private static String message(String targetName, String identitySetting) {
		String spn = targetName.contains("@") ? targetName.substring(0, targetName.lastIndexOf('@')) : targetName;
		return "The target name " + targetName + " is not registered in the KDC (KDC_ERR_S_PRINCIPAL_UNKNOWN): no "
				+ "account has this service principal name. Set " + identitySetting + " to the SPN of the server's "
				+ "account (spn:<service>/<host>), or register " + spn + " for that account (Active Directory: "
				+ "setspn -S " + spn + " <account>; MIT Kerberos: kadmin addprinc)";
	}

	/**
	 * Return the target name the KDC does not know.
	 * @return the name, with realm where known
	 */
	public String targetName() {
		return this.targetName;
	}

	/**
	 * Return how the message names the setting that chooses the target.
	 * @return for example {@value #ENDPOINT_IDENTITY}
	 */
	public String identitySetting() {
		return this.identitySetting;
	}

	/**
	 * Return a failure whose message names the setting the caller knows, when the failure is, or was caused by, an
	 * unknown target name; otherwise the failure itself. Boot's named endpoints use it to name their property.
	 * @param failure a failure to open a channel
	 * @param setting the setting, for example {@code negotiate.tcp.client.endpoints.orders.identity}
	 * @return the failure with the setting named, of the same type where it is an {@code UnknownTargetException} or a
	 * plain {@link MechanismException}
	 */
	public static Throwable nameIdentitySetting(Throwable failure, String setting) {
		if (failure instanceof UnknownTargetException unknown) {
			return unknown.withIdentitySetting(setting);
		}
		if (failure.getClass() == MechanismException.class && failure.getMessage() != null) {
			for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
				if (t instanceof UnknownTargetException unknown) {
					MechanismException named = new MechanismException(((MechanismException) failure).reason(),
							failure.getMessage().replace(unknown.getMessage(),
									unknown.withIdentitySetting(setting).getMessage()),
							unknown.withIdentitySetting(setting));
					for (Throwable suppressed : failure.getSuppressed()) {
						named.addSuppressed(suppressed);
					}
					named.setStackTrace(failure.getStackTrace());
					return named;
				}
			}
		}
		return failure;
	}

	/**
	 * Return the same failure with a message naming the setting the caller knows, for example the configuration
	 * property of a named endpoint.
	 * @param setting the setting, for example {@code negotiate.tcp.client.endpoints.orders.identity}
	 * @return a new exception with this one's cause
	 */
	public UnknownTargetException withIdentitySetting(String setting) {
		UnknownTargetException named = new UnknownTargetException(this.targetName, setting, getCause());
		named.setStackTrace(getStackTrace());
		return named;
	}

}

package org.negotiatetcp.boot.testcontainers;

/**
 * The one Samba AD domain controller the Active Directory tests of this module share (provisioning takes about a
 * minute, so it is started once per test JVM, on first use, and stopped when the JVM exits):
 * <ul>
 * <li>users {@code alice} (member of the global group {@code Orders}) and {@code bob};</li>
 * <li>{@code svc-orders}, a service account with the SPN {@link #ORDERS_SPN}, trusted for unconstrained delegation
 * ({@code TRUSTED_FOR_DELEGATION}: its tickets carry ok-as-delegate);</li>
 * <li>{@code svc-front} ({@link #FRONT_SPN}): constrained delegation to {@link #BACKEND_SPN} only
 * ({@code msDS-AllowedToDelegateTo}), with protocol transition ({@code TRUSTED_TO_AUTH_FOR_DELEGATION});</li>
 * <li>the computer account {@code backend$} with two SPNs, {@link #BACKEND_SPN} and {@link #OTHER_SPN} (not delegated
 * to);</li>
 * <li>{@code svc-kerbonly} ({@link #KERBEROS_ONLY_SPN}): constrained delegation to {@link #BACKEND_SPN} without
 * protocol transition ("Use Kerberos only").</li>
 * </ul>
 */
final class SambaAdDomain {

	static final String ALICE_PASSWORD = "Alice-Pass-1";

	static final String FRONT_SPN = "host/front.example.test";

	static final String BACKEND_SPN = "host/backend.example.test";

	static final String OTHER_SPN = "host/other.example.test";

	static final String ORDERS_SPN = "host/localhost";

	static final String KERBEROS_ONLY_SPN = "host/kerberos-only.example.test";

	private static SambaAdContainer dc;

	private SambaAdDomain() {
	}

	/**
	 * Return the shared domain controller, started.
	 * @return the container
	 */
	static synchronized SambaAdContainer dc() {
		if (dc == null) {
			SambaAdContainer container = new SambaAdContainer().withUser("alice", ALICE_PASSWORD)
				.withUser("bob", "Bob-Pass-1")
				.withGroup("Orders", "alice")
				.withServiceAccount("svc-orders", ORDERS_SPN)
				.withServiceAccount("svc-front", FRONT_SPN)
				.withComputerAccount("backend", BACKEND_SPN, OTHER_SPN)
				.withServiceAccount("svc-kerbonly", KERBEROS_ONLY_SPN)
				.withAllowedToDelegateTo("svc-kerbonly", BACKEND_SPN)
				.withAllowedToDelegateTo("svc-front", BACKEND_SPN)
				.withProtocolTransition("svc-front")
				.withTrustedForDelegation("svc-orders");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "samba-ad-stop"));
			dc = container;
		}
		return dc;
	}

}

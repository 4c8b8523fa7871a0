package org.negotiatetcp.boot.client;

/**
 * How a server opens a channel to a back-end endpoint as one of its own clients
 * ({@code negotiate.tcp.client.endpoints.<name>.delegation}, used by {@link NegotiateEndpoint#openAs}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public enum EndpointDelegation {

	/**
	 * The endpoint is only opened as the application itself (the default): {@link NegotiateEndpoint#openAs} refuses.
	 */
	NONE,

	/**
	 * Unconstrained delegation: the channel authenticates with the ticket-granting ticket the client forwarded
	 * (Kerberos clients that allow delegation, to services the KDC marks ok-as-delegate). A client that did not
	 * delegate cannot be acted as.
	 */
	UNCONSTRAINED,

	/**
	 * Kerberos constrained delegation ([MS-SFU]): with the endpoint's own credential (the service account) the
	 * application asks the KDC for a ticket in the client's name (S4U2Self) and then for one to the endpoint
	 * (S4U2Proxy). Works for Kerberos clients that did not delegate and, with protocol transition, for NTLM clients;
	 * the domain decides: the endpoint's SPN must be in the service account's {@code msDS-AllowedToDelegateTo}, and the
	 * account must be trusted to authenticate for delegation ({@code TRUSTED_TO_AUTH_FOR_DELEGATION}).
	 */
	CONSTRAINED

}

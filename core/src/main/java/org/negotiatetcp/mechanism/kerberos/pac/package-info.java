/**
 * The Privilege Attribute Certificate of Active Directory tickets ([MS-PAC]): bounded parsing of the PACTYPE buffers
 * (KERB_VALIDATION_INFO in NDR, UPN_DNS_INFO, PAC_CLIENT_INFO, server and KDC signatures) and the client's
 * {@link org.negotiatetcp.security.AuthorizationContext} built from them.
 */
@NullMarked
package org.negotiatetcp.mechanism.kerberos.pac;

import org.jspecify.annotations.NullMarked;

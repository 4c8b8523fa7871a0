/**
 * Security vocabulary shared by the engine: authentication packages, protection and impersonation levels, and the
 * authentication information of an established channel.
 */
@NullMarked
package org.negotiatetcp.security;

import org.jspecify.annotations.NullMarked;

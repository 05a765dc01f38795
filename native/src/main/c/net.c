/*
 * A new network namespace starts with its loopback interface down, so even 127.0.0.1 is unreachable. runc and
 * crun bring it up and containers expect it (podman's --network none has nothing else); a namespace the
 * container joins or shares with the host is not ours to change, and husk never plans this step for one.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "husk.h"

/* no args. The interface ioctls work on any socket (netdevice(7)); a datagram socket is the cheapest. */
void op_loopback_up(ctx_t *c, const record_t *r) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        fail(c, errno, NULL, "open a socket to bring lo up");
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    memcpy(ifr.ifr_name, "lo", sizeof "lo");
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
        fail(c, errno, "lo", "read the flags of lo");
    if (!(ifr.ifr_flags & IFF_UP)) {
        ifr.ifr_flags |= IFF_UP;
        if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
            fail(c, errno, "lo", "bring lo up");
    }
    close(s);
}

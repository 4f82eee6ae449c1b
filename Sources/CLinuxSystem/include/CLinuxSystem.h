#ifndef MEMSET_CLINUX_SYSTEM_H
#define MEMSET_CLINUX_SYSTEM_H

// Linux interfaces that Swift's Glibc module leaves out: epoll, eventfd, and accept4,
// which glibc declares only under _GNU_SOURCE.

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// accept4(2).
int memset_accept4(int socket, struct sockaddr *address, socklen_t *length, int flags);

// The number of processors this process may run on (sched_getaffinity(2) and CPU_COUNT),
// or 0 when the call fails.
int memset_allowed_cpu_count(void);

#endif

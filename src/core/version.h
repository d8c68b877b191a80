/* version.h: the release this build is. */
#ifndef HY_VERSION_H
#define HY_VERSION_H

#define HONGYAN_VERSION "0.1.0"

#endif

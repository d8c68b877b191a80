/* member_api.h: /api/v1/members. */
#ifndef HY_MEMBER_API_H
#define HY_MEMBER_API_H

#include "http/req.h"

enum err api_members_list(struct req *rq, struct reply *rp);
enum err api_members_create(struct req *rq, struct reply *rp);
enum err api_members_get(struct req *rq, struct reply *rp);
enum err api_members_update(struct req *rq, struct reply *rp);

struct member;
/* Decodes the record of a member arriving with an incoming transfer's
 * letter (text: a JSON object, strings in rq->arena): the fields and checks
 * of POST /members except org_id and the state fields, which the transfer
 * decides. Every bad field is named prefix.field in pb. */
enum err member_api_decode_arriving(struct req *rq, struct problem *pb, const char *prefix,
    const char *text, struct member *m);

#endif

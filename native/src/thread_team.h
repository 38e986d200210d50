// A fixed team of threads that run one function together: the caller is member 0 and the others
// are persistent workers that sleep between calls. run() returns when every member has finished,
// so each call is a barrier and work split by member index reduces in a fixed order afterwards.
//
// The interface is opaque (no standard-library types) because the per-ISA model code includes it.
#pragma once

class ThreadTeam {
 public:
  typedef void (*Task)(void* context, int member);
  static ThreadTeam* create(int size);
  virtual ~ThreadTeam();
  virtual int size() const = 0;
  virtual void run(Task task, void* context) = 0;
};

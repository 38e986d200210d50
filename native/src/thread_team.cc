#include "thread_team.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace {

class PersistentTeam final : public ThreadTeam {
 public:
  explicit PersistentTeam(int size) : size_(size < 1 ? 1 : size) {
    for (int member = 1; member < size_; ++member) workers_.emplace_back(&PersistentTeam::work, this, member);
  }

  ~PersistentTeam() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    start_.notify_all();
    for (auto& w : workers_) w.join();
  }

  int size() const override { return size_; }

  void run(Task task, void* context) override {
    if (size_ == 1) {
      task(context, 0);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = task;
      context_ = context;
      pending_ = size_ - 1;
      ++generation_;
    }
    start_.notify_all();
    task(context, 0);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
  }

 private:
  void work(int member) {
    unsigned long seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      Task task = task_;
      void* context = context_;
      lock.unlock();
      task(context, member);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }

  int size_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable start_;
  std::condition_variable done_;
  Task task_ = nullptr;
  void* context_ = nullptr;
  unsigned long generation_ = 0;
  int pending_ = 0;
  bool stopping_ = false;
};

}  // namespace

ThreadTeam::~ThreadTeam() {}

ThreadTeam* ThreadTeam::create(int size) { return new PersistentTeam(size); }

"""PyTorch CPU reference for bench/train-speed.ts: the same sequence VAE, loss and optimiser.

encoder RNN over x -> h_T; mu, logvar = Linear(h_T); z = mu + exp(logvar/2)*eps
decoder RNN over RepeatVector(z); logits = Linear(h_t); loss = mean_b((1-l)*BCE_b + l*KL_b)
PyTorch's nn.GRU is the reset-after variant, like Keras GRU(reset_after=True); Adam eps 1e-7 as tfjs.

Prints one JSON line per measurement: {"threads": t, "samples_per_s": s, "samples_per_cpu_s": c, ...}
(CPU time of all the process's threads: a measure of work per sample that load from other processes
disturbs less than wall time does). Data is uniform [0, 1)
of the requested shape (timings do not depend on pixel values).
"""
import argparse
import json
import time

import torch
from torch import nn


class SeqVae(nn.Module):
    def __init__(self, cell, steps, features, hidden, latent):
        super().__init__()
        rnn = nn.GRU if cell == "gru" else nn.LSTM
        self.steps = steps
        self.encoder = rnn(features, hidden, batch_first=True)
        self.z_mean = nn.Linear(hidden, latent)
        self.z_log_var = nn.Linear(hidden, latent)
        self.decoder = rnn(latent, hidden, batch_first=True)
        self.output = nn.Linear(hidden, features)

    def forward(self, x, eps):
        _, state = self.encoder(x)
        h_t = (state[0] if isinstance(state, tuple) else state)[-1]
        mu, log_var = self.z_mean(h_t), self.z_log_var(h_t)
        z = mu + torch.exp(0.5 * log_var) * eps
        hs, _ = self.decoder(z.unsqueeze(1).expand(-1, self.steps, -1))
        return self.output(hs), mu, log_var


def loss_fn(logits, x, mu, log_var, kl_weight):
    recon = nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="none").mean(dim=(1, 2))
    kl = -0.5 * torch.sum(1 + log_var - mu * mu - torch.exp(log_var), dim=1)
    return torch.mean((1 - kl_weight) * recon + kl_weight * kl)


def measure(args, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = SeqVae(args.cell, args.steps, args.features, args.hidden, args.latent)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    pool = torch.rand(min(args.samples, 4096), args.steps, args.features)

    def step(i):
        start = (i * args.batch) % (pool.shape[0] - args.batch + 1)
        x = pool[start : start + args.batch]
        eps = torch.randn(args.batch, args.latent)
        opt.zero_grad(set_to_none=True)
        logits, mu, log_var = model(x, eps)
        loss = loss_fn(logits, x, mu, log_var, 0.01)
        loss.backward()
        opt.step()
        return loss

    for i in range(args.warmup):
        step(i)
    steps = max(1, args.samples // args.batch)
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(steps):
        loss = step(i)
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    return {"threads": threads, "samples_per_s": steps * args.batch / seconds,
            "samples_per_cpu_s": steps * args.batch / cpu_seconds, "seconds": seconds,
            "samples": steps * args.batch, "loss": float(loss), "torch": torch.__version__}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cell", default="gru", choices=["gru", "lstm"])
    p.add_argument("--hidden", type=int, default=40)
    p.add_argument("--latent", type=int, default=3)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--steps", type=int, default=28)
    p.add_argument("--features", type=int, default=28)
    p.add_argument("--samples", type=int, default=8192)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = p.parse_args()
    for t in args.threads:
        print(json.dumps(measure(args, t)), flush=True)


if __name__ == "__main__":
    main()

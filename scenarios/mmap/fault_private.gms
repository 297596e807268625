# MMAP without INIT_SHARED: mapping succeeds, every host access is SIGBUS and GUP fails.
# Source: selftest 3.A.9 test_fault_private; commit fe2bf6234e94 (bug #11 of section 5).
vm.create vm
gmem.create g vm=vm size=16K flags=mmap
gmem.mmap m gmem=g
host.write m offset=0 tag=aa => sigbus
host.read m offset=4K => sigbus
host.pin m offset=0 => EFAULT
expect.page g offset=0 present=0

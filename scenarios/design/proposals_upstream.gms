# The proposals' ioctls under the upstream policy: there is no in-place conversion ioctl
# on a guest_memfd and no way to link a second file to its inode, so both are ENOTTY (an
# ioctl the file does not know); on a file that is not a guest_memfd, ENOTTY too.
# Source: gmem_uapi.md 2.10 (KVM_SET_MEMORY_ATTRIBUTES2 is not in mainline); DESIGN.md 6
# (gmem.convert, gmem.link: policy-gated).
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K flags=mmap
gmem.convert g offset=0 len=4K to=shared => ENOTTY
gmem.convert vm offset=0 len=4K to=shared => ENOTTY
gmem.link h from=g vm=vm => ENOTTY
gmem.link k from=vm vm=vm => ENOTTY

import defaultAvatar from '../assets/avatar.svg';

/** A user's image, or a neutral placeholder when they have none. */
export function Avatar({ image, className }: { image: string | null; className?: string }) {
  return <img src={image || defaultAvatar} className={className} alt="" />;
}

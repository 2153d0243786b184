import defaultAvatar from '../assets/avatar.svg';

/**
 * A user's image, or a neutral placeholder when they have none. `size` is its rendered size in CSS pixels, given
 * to the browser up front so that nothing moves when the image arrives. `alt` is empty when a name is beside it.
 */
export function Avatar({
  image,
  className,
  size = 32,
  alt = '',
}: {
  image: string | null;
  className?: string;
  size?: number;
  alt?: string;
}) {
  return <img src={image || defaultAvatar} className={className} width={size} height={size} alt={alt} />;
}
